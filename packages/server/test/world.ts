import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { contratDocument } from '../src/modules/contrats/contrats.table.js';
import { pieceModele } from '../src/modules/pieces/pieces.table.js';
import { type Client, createContrat, ENQUETE, POLICIER, tenantWithUsers } from './factories.js';
import type { TestContext } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';

/** A collectivité with its users, insured by a contract with its 2026 base, and the seeds' agent. */
export async function insuredTenant(
  ctx: TestContext,
  risques: string[] = ['maladie_ordinaire', 'accident_service', 'clm'],
) {
  const t = await tenantWithUsers(ctx);
  const contrat = await createContrat(ctx.database.db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    risques,
  });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: contrat.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 10,
    tbi: 30_000_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  const agent = await t.publicateur.request('POST', '/api/agents', POLICIER);
  expect(agent.statusCode, agent.body).toBe(201);
  return { t, contrat, baseId: base.json().id as string, agentId: agent.json().id as string };
}

export async function declareSinistre(client: Client, agentId: string, categorie: string, dateSurvenance: string) {
  const r = await client.request('POST', '/api/sinistres', {
    agentId,
    categorie,
    dateSurvenance,
    tiersImplique: false,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

export async function depositPiece(
  client: Client,
  sinistreId: string,
  fields: Record<string, string> = { code: 'autre', libelle: 'Divers' },
  name = 'piece.pdf',
) {
  const body = multipartBody({ name, content: TINY_PDF }, 'fichier', fields);
  return client.request('POST', `/api/sinistres/${sinistreId}/pieces`, body.payload, body.headers);
}

/** The fields of a medical fee's form, as a browser sends them (amounts as typed). */
export const FRAIS_KINE = {
  dateSoins: '2026-04-10',
  nature: 'kinesitherapie',
  prestataire: 'Cabinet Kiné du Port',
  montantFacture: '1 234,56',
  beneficiaire: 'collectivite',
};

/** Enters a medical fee with its invoice on a CITIS sinistre. */
export async function saisirFrais(
  client: Client,
  sinistreId: string,
  fields: Record<string, string> = FRAIS_KINE,
  file: { name: string; content: Buffer | string } = { name: 'facture-kine.pdf', content: TINY_PDF },
) {
  const body = multipartBody(file, 'fichier', fields);
  return client.request('POST', `/api/sinistres/${sinistreId}/frais-medicaux`, body.payload, body.headers);
}

/** One record of every kind in a collectivité: what routes with identifiers need to reach their code. */
export async function populatedTenant(ctx: TestContext) {
  const base = await insuredTenant(ctx);
  const { t, agentId } = base;
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-01');
  const arret = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/arrets`, {
    type: 'initial',
    debut: '2026-03-01',
    fin: '2026-03-07',
  });
  expect(arret.statusCode, arret.body).toBe(201);
  const piece = await depositPiece(t.publicateur, sinistreId);
  expect(piece.statusCode, piece.body).toBe(201);
  const accidentId = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-04-01');
  const enquete = await t.publicateur.request('PUT', `/api/sinistres/${accidentId}/enquete`, ENQUETE);
  expect(enquete.statusCode, enquete.body).toBe(200);
  const roster = multipartBody({
    name: 'liste.csv',
    content: "NIR;Nom;Prénom;Régime;Statut;Date d'entrée\r\n2850578006084;DURAND;Léa;CNRACL;titulaire;01/01/2020\r\n",
  });
  const upload = await t.publicateur.request('POST', '/api/agents/imports', roster.payload, roster.headers);
  expect(upload.statusCode, upload.body).toBe(202);
  await ctx.jobs.drain();
  const stored = await ctx.storage.put(Readable.from([TINY_PDF]), { prefix: 'contrats', maxBytes: TINY_PDF.length });
  const [document] = await ctx.database.db
    .insert(contratDocument)
    .values({
      contratId: base.contrat.id,
      nom: 'cg.pdf',
      storageKey: stored.key,
      sha256: stored.sha256,
      taille: stored.size,
    })
    .returning();
  const [modele] = await ctx.database.db.select({ id: pieceModele.id }).from(pieceModele).limit(1);
  return {
    ...base,
    sinistreId,
    arretId: arret.json().arrets[0].id as string,
    pieceId: piece.json().id as string,
    accidentId,
    importId: upload.json().id as string,
    documentId: document!.id,
    modeleId: modele!.id,
  };
}
