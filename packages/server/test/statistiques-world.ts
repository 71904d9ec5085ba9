import { addDays } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { agent } from '../src/modules/agents/agents.table.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { createAssureur, createCollectivite, createContrat, staffMember, tenantWithUsers } from './factories.js';
import type { TestContext } from './harness.js';

export const at = new Date('2024-01-02T09:00:00Z');

/**
 * The hand-computed collectivité: 40 agents in 2024 (base de l'assurance réelle 2024: 40), 25 arrêts
 * of 56 days = 1 400 days excluding maternity, 14 agents absent (11 with two arrêts, 3 with one), and one
 * maternity leave of 122 days of a 15th agent (excluded by default). One arrêt is an initial certificate and
 * its prolongation (one arrêt); one was requalified to CLM at its date.
 * → taux 1 400 × 100 / (366 × 40) = 9,56 %; fréquence 25 × 100 / 40 = 62,5; gravité 1 400 / 25 = 56 days;
 * exposition 14 / 40 = 35 %.
 */
export async function monde(ctx: TestContext) {
  const db = ctx.database.db;
  const t = await tenantWithUsers(ctx);
  const c = t.collectivite;
  const k = await createContrat(db, { cdgId: c.cdgId, collectiviteIds: [c.id], risques: ['maladie_ordinaire'] });
  await db.insert(baseAssurance).values({
    collectiviteId: c.id,
    contratId: k.id,
    annee: 2024,
    type: 'reelle',
    effectif: 40,
    tbi: 100_000_000,
    tauxCotisation: 6500,
    assiette: 100_000_000,
    cotisation: 6_500_000,
  });
  const agents = await db
    .insert(agent)
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        collectiviteId: c.id,
        nir: `${i % 2 ? 1 : 2}8001750${String(100000 + i).slice(1)}`.slice(0, 13),
        nom: `AGENT${i}`,
        prenom: 'Test',
        sexe: i % 2 ? 'M' : 'F',
        dateNaissance: `19${70 + (i % 30)}-05-01`,
        regime: 'CNRACL' as const,
        statut: 'titulaire',
        dateEntree: '2020-01-01',
        service: i % 3 ? 'Services techniques' : 'Administration',
      })),
    )
    .returning();
  const certificats: { agent: number; categorie: string; debut: string; fin: string; sinistre?: number }[] = [];
  const jours56 = (debut: string) => addDays(debut, 55);
  for (let i = 0; i < 14; i++) {
    if (i < 11)
      certificats.push({ agent: i, categorie: 'maladie_ordinaire', debut: '2024-01-10', fin: jours56('2024-01-10') });
    certificats.push({
      agent: i,
      categorie: i === 5 ? 'accident_service' : 'maladie_ordinaire',
      debut: i < 11 ? '2024-06-01' : '2024-09-01',
      fin: jours56(i < 11 ? '2024-06-01' : '2024-09-01'),
    });
  }
  // Agent 14: maternity (excluded by default).
  certificats.push({ agent: 14, categorie: 'maternite', debut: '2024-03-01', fin: '2024-06-30' });
  for (const [n, cert] of certificats.entries()) {
    const [s] = await db
      .insert(sinistre)
      .values({
        collectiviteId: c.id,
        agentId: agents[cert.agent]!.id,
        contratId: k.id,
        categorie: cert.categorie,
        dateSurvenance: cert.debut,
        tiersImplique: false,
        statut: 'ouvert',
        createdAt: at,
      })
      .returning();
    const base = { collectiviteId: c.id, sinistreId: s!.id, agentId: agents[cert.agent]!.id, createdAt: at };
    if (n === 0) {
      // An initial certificate and its prolongation: one arrêt of 56 days, requalified CLM from the prolongation.
      await db.insert(arret).values([
        { ...base, type: 'initial', debut: cert.debut, fin: addDays(cert.debut, 19) },
        { ...base, type: 'prolongation', debut: addDays(cert.debut, 20), fin: cert.fin, categorie: 'clm' },
      ]);
    } else await db.insert(arret).values({ ...base, type: 'initial', debut: cert.debut, fin: cert.fin });
  }
  return { t, c, k, agents };
}

/**
 * Sets a collectivité's precomputed 2024 row (the nightly job's) by hand, in the 30–149 agents stratum:
 * `agents` agents all year (× 366 agent-days), `jours` arrêt days, `arrets` arrêts.
 */
export function fixerAgregat2024(db: Db, collectiviteId: string, agents: number, jours: number, arrets: number) {
  return db.execute(sql`
    UPDATE statistiques_agregat SET agents_cnracl = ${agents}, strate = '30-149', jours = ${jours},
      jours_agents = ${agents * 366}, arrets = ${arrets}
    WHERE collectivite_id = ${collectiviteId} AND annee_debut = 2024 AND annee_fin = 2024`);
}

/**
 * The staff of an insurer party to a contract of another collectivité of the same CDG, never to
 * `c`'s: `client` is checked unable to enter `c`, and is left in `autre` (or nowhere).
 */
export async function assureurAilleurs(ctx: TestContext, c: { id: string; cdgId: string }) {
  const db = ctx.database.db;
  const assureur = await createAssureur(db);
  const autre = await createCollectivite(db, c.cdgId);
  await createContrat(db, { cdgId: c.cdgId, assureurId: assureur.id, collectiviteIds: [autre.id] });
  const { client } = await staffMember(ctx, { assureurId: assureur.id });
  const entrer = await client.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id });
  if (entrer.statusCode !== 404) throw new Error(`l’assureur entre dans la collectivité (${entrer.statusCode})`);
  return { client, autre };
}
