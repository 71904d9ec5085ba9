import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { databaseJobs } from './db/maintenance.js';
import type { Access } from './http/context.js';
import { registerEdgeChecks } from './http/edge.js';
import { registerGuard } from './http/guard.js';
import { registerProblemHandlers } from './http/problem.js';
import { createAudit } from './lib/audit.js';
import type { Clock } from './lib/clock.js';
import { purgeJob } from './lib/jobs/purge.js';
import { createJobRunner, every } from './lib/jobs/queue.js';
import { createMailSender, MAIL_JOB } from './lib/mail/mailer.js';
import { createLocalStorage, type Storage } from './lib/storage/storage.js';
import { createStorageSweepJob, type FileReference, STORAGE_SWEEP_JOB, SWEEP_EVERY_MS } from './lib/storage/sweep.js';
import { createAccueilRepository } from './modules/accueil/accueil.repository.js';
import { accueilRoutes } from './modules/accueil/accueil.routes.js';
import { createAccueilService } from './modules/accueil/accueil.service.js';
import { createActualitesRepository } from './modules/actualites/actualites.repository.js';
import { actualitesRoutes } from './modules/actualites/actualites.routes.js';
import { createActualitesService } from './modules/actualites/actualites.service.js';
import { agentsJobs } from './modules/agents/agents.jobs.js';
import { createAgentsRepository } from './modules/agents/agents.repository.js';
import { agentsRoutes } from './modules/agents/agents.routes.js';
import { createAgentsService } from './modules/agents/agents.service.js';
import { listeImport } from './modules/agents/agents.table.js';
import { ficheAgentRoutes } from './modules/agents/fiche.routes.js';
import { createFicheAgentService } from './modules/agents/fiche.service.js';
import { listeWriteBatch } from './modules/agents/liste-nominative.job.js';
import { createListeNominativeService } from './modules/agents/liste-nominative.service.js';
import { createAideRepository } from './modules/aide/aide.repository.js';
import { aideRoutes } from './modules/aide/aide.routes.js';
import { createAideService } from './modules/aide/aide.service.js';
import { createArretsRepository } from './modules/arrets/arrets.repository.js';
import { arretsRoutes } from './modules/arrets/arrets.routes.js';
import { createArretsService } from './modules/arrets/arrets.service.js';
import { createAuditRepository } from './modules/audit/audit.repository.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { authJobs } from './modules/auth/auth.jobs.js';
import { createAuthRepository } from './modules/auth/auth.repository.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createSessionRepository } from './modules/auth/session.repository.js';
import { createBaseAssuranceRepository } from './modules/base-assurance/base-assurance.repository.js';
import { baseAssuranceRoutes } from './modules/base-assurance/base-assurance.routes.js';
import { createBaseAssuranceService } from './modules/base-assurance/base-assurance.service.js';
import { createCollectivitesRepository } from './modules/collectivites/collectivites.repository.js';
import { collectivitesRoutes } from './modules/collectivites/collectivites.routes.js';
import { createCollectivitesService } from './modules/collectivites/collectivites.service.js';
import { createContratsRepository } from './modules/contrats/contrats.repository.js';
import { contratsRoutes } from './modules/contrats/contrats.routes.js';
import { createContratsService } from './modules/contrats/contrats.service.js';
import { contratDocument } from './modules/contrats/contrats.table.js';
import { createRenouvellementRepository } from './modules/contrats/renouvellement.repository.js';
import { renouvellementRoutes } from './modules/contrats/renouvellement.routes.js';
import { createRenouvellementService } from './modules/contrats/renouvellement.service.js';
import { createCotisationsRepository } from './modules/cotisations/cotisations.repository.js';
import { cotisationsRoutes } from './modules/cotisations/cotisations.routes.js';
import { createCotisationsService } from './modules/cotisations/cotisations.service.js';
import { createCotisationsGestionRepository } from './modules/cotisations/cotisations-gestion.repository.js';
import { cotisationsGestionRoutes } from './modules/cotisations/cotisations-gestion.routes.js';
import { createCotisationsGestionService, mailAppelEmis } from './modules/cotisations/cotisations-gestion.service.js';
import { createAppelsLots } from './modules/cotisations/cotisations-lots.js';
import { encaissementsJobs } from './modules/cotisations/encaissements.jobs.js';
import { createEncaissementsRepository } from './modules/cotisations/encaissements.repository.js';
import { encaissementsRoutes } from './modules/cotisations/encaissements.routes.js';
import { createEncaissementsService } from './modules/cotisations/encaissements.service.js';
import { createEcheancesRepository } from './modules/echeances/echeances.repository.js';
import { createEcheancesService } from './modules/echeances/echeances.service.js';
import { createEnqueteRepository } from './modules/enquete/enquete.repository.js';
import { enqueteRoutes } from './modules/enquete/enquete.routes.js';
import { createEnqueteService } from './modules/enquete/enquete.service.js';
import { createFraisMedicauxRepository } from './modules/frais-medicaux/frais-medicaux.repository.js';
import { fraisMedicauxRoutes } from './modules/frais-medicaux/frais-medicaux.routes.js';
import { createFraisMedicauxService } from './modules/frais-medicaux/frais-medicaux.service.js';
import { fraisMedical } from './modules/frais-medicaux/frais-medicaux.table.js';
import { createCorbeilleRepository, refreshFile } from './modules/gestion/corbeille.repository.js';
import { corbeilleRoutes } from './modules/gestion/corbeille.routes.js';
import { createCorbeilleService } from './modules/gestion/corbeille.service.js';
import { createDecisionsRepository } from './modules/gestion/decisions.repository.js';
import { decisionsRoutes } from './modules/gestion/decisions.routes.js';
import { createDecisionsService } from './modules/gestion/decisions.service.js';
import { createDossierRepository } from './modules/gestion/dossier.repository.js';
import { dossierRoutes } from './modules/gestion/dossier.routes.js';
import { createDossierService } from './modules/gestion/dossier.service.js';
import { pilotageJobs } from './modules/gestion/pilotage.jobs.js';
import { createPilotageRepository } from './modules/gestion/pilotage.repository.js';
import { pilotageRoutes } from './modules/gestion/pilotage.routes.js';
import { createPilotageService } from './modules/gestion/pilotage.service.js';
import { createSuiviGestionRepository } from './modules/gestion/suivi-gestion.repository.js';
import { suiviGestionRoutes } from './modules/gestion/suivi-gestion.routes.js';
import { createSuiviGestionService } from './modules/gestion/suivi-gestion.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createNotificationsRepository } from './modules/notifications/notifications.repository.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { createNotificationsService } from './modules/notifications/notifications.service.js';
import { createCatalogueService } from './modules/pieces/catalogue.service.js';
import { piecesJobs } from './modules/pieces/pieces.jobs.js';
import { createPiecesRepository } from './modules/pieces/pieces.repository.js';
import { piecesRoutes } from './modules/pieces/pieces.routes.js';
import { createPiecesService } from './modules/pieces/pieces.service.js';
import { piece } from './modules/pieces/pieces.table.js';
import { createReglementsRepository } from './modules/reglements/reglements.repository.js';
import { reglementsRoutes } from './modules/reglements/reglements.routes.js';
import { createReglementsService } from './modules/reglements/reglements.service.js';
import { createCalculLotService } from './modules/remboursements/calcul-lot.service.js';
import { createDecomptesRepository } from './modules/remboursements/decomptes.repository.js';
import { decomptesRoutes } from './modules/remboursements/decomptes.routes.js';
import { createDecomptesService } from './modules/remboursements/decomptes.service.js';
import { createEntreesRepository } from './modules/remboursements/entrees.repository.js';
import { entreesRoutes } from './modules/remboursements/entrees.routes.js';
import { createEntreesService } from './modules/remboursements/entrees.service.js';
import { remboursementsJobs } from './modules/remboursements/remboursements.jobs.js';
import { createSimulateurRepository } from './modules/simulateur/simulateur.repository.js';
import { simulateurRoutes } from './modules/simulateur/simulateur.routes.js';
import { createSimulateurService } from './modules/simulateur/simulateur.service.js';
import { createSinistraliteRepository } from './modules/sinistralite/sinistralite.repository.js';
import { sinistraliteRoutes } from './modules/sinistralite/sinistralite.routes.js';
import { createSinistraliteService } from './modules/sinistralite/sinistralite.service.js';
import { createSinistreChanged } from './modules/sinistres/sinistre-changed.js';
import { sinistresJobs } from './modules/sinistres/sinistres.jobs.js';
import { createSinistresRepository } from './modules/sinistres/sinistres.repository.js';
import { sinistresRoutes } from './modules/sinistres/sinistres.routes.js';
import { createSinistresService } from './modules/sinistres/sinistres.service.js';
import { statistiquesJobs } from './modules/statistiques/statistiques.jobs.js';
import { createStatistiquesRepository } from './modules/statistiques/statistiques.repository.js';
import { statistiquesRoutes } from './modules/statistiques/statistiques.routes.js';
import { createStatistiquesService } from './modules/statistiques/statistiques.service.js';
import { createStatistiquesCdgRepository } from './modules/statistiques/statistiques-cdg.repository.js';
import { statistiquesCdgRoutes } from './modules/statistiques/statistiques-cdg.routes.js';
import { createStatistiquesCdgService } from './modules/statistiques/statistiques-cdg.service.js';
import { createPrevisionRepository } from './modules/statistiques/statistiques-prevision.repository.js';
import { createPrevisionService } from './modules/statistiques/statistiques-prevision.service.js';
import { createUsersRepository } from './modules/users/users.repository.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { createUsersService } from './modules/users/users.service.js';

export type AppDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** File storage; local disk under DATA_DIR/fichiers by default. */
  storage?: Storage;
  /** Where the built web app is; the API alone is served when it is missing. */
  webDist?: string;
  /** Rows per query of the exports and per write of the roster import (tests make them small). */
  batches?: { export?: number; listeWrite?: number };
};

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Every column that holds a stored file's key: the sweep removes the files none of them points to.
 * A table that stores files must be declared here, or its files would be swept after a day (a test
 * checks that every `storage_key` column of the schema is).
 */
export const FILE_REFERENCES: FileReference[] = [
  { table: piece, key: piece.storageKey },
  { table: contratDocument, key: contratDocument.storageKey },
  { table: fraisMedical, key: fraisMedical.factureStorageKey },
  // A finished import no longer needs its file (the job removes it; a crash may not have).
  {
    table: listeImport,
    key: listeImport.storageKey,
    live: sql`${listeImport.statut} NOT IN ('termine', 'refuse', 'echec')`,
  },
];

/** Wires every module by hand: main.ts and the tests build the same application. */
export async function buildApp(deps: AppDeps) {
  const { config, database, clock } = deps;
  const db = database.db;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // zod validates and serialises every route (below): given up front, Fastify never loads its
    // defaults, ajv and fast-json-stringify, which cost start-up time for nothing. Fastify's types
    // expect ajv-shaped factories; the zod compilers are what setValidatorCompiler takes.
    schemaController: {
      compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
    } as unknown as FastifyServerOptions['schemaController'],
  });
  /** The route table: the access matrix tests and the docs are generated from it. */
  const routes: { method: string; url: string; access: Access | undefined }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) {
        routes.push({ method, url: route.url, access: route.config?.access });
      }
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a cross-site form can post text/plain without a preflight, never JSON.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine writes its CSS variables in style attributes and tags.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  const webDist = deps.webDist ?? defaultWebDist;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  registerProblemHandlers(app, { spaFallback: () => hasWeb });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'API Statutis',
        version: '0.1.0',
        description:
          'API du portail Statutis (assurance statutaire des collectivités). Authentification par cookie de session ; chaque écriture envoie l’en-tête X-CSRF-Token reçu de GET /api/auth/session. Les erreurs suivent RFC 9457 (application/problem+json).',
      },
      servers: [{ url: config.appUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'statutis_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024 + 1, files: 1, fields: 10, parts: 12 } });
  const storage = deps.storage ?? createLocalStorage(path.join(config.dataDir, 'fichiers'));
  const audit = createAudit(clock);
  const users = createUsersRepository();
  const sessions = createSessionRepository();
  const authRepo = createAuthRepository();
  registerGuard(app, { db, sessions, clock, appUrl: config.appUrl });
  registerEdgeChecks(app);

  const authService = createAuthService({ db, clock, audit, users, auth: authRepo, sessions, appUrl: config.appUrl });
  const usersService = createUsersService({ db, clock, audit, users, sessions, authService, appUrl: config.appUrl });
  await app.register(healthRoutes(database));
  await app.register(authRoutes(authService, { secureCookies: config.secureCookies }));
  await app.register(usersRoutes(usersService));
  // -- the bell: the modules below tell the employer's users of their events through `notifications.notifier`
  const notifications = createNotificationsRepository();
  await app.register(notificationsRoutes(createNotificationsService({ db, clock, repo: notifications })));
  await app.register(auditRoutes(createAuditService({ db, repo: createAuditRepository() })));
  await app.register(
    actualitesRoutes(createActualitesService({ db, clock, audit, repo: createActualitesRepository() })),
  );
  await app.register(aideRoutes(createAideService({ db, clock, audit, repo: createAideRepository() })));
  await app.register(accueilRoutes(createAccueilService({ db, clock, repo: createAccueilRepository() })));
  await app.register(
    collectivitesRoutes(createCollectivitesService({ db, audit, repo: createCollectivitesRepository() })),
  );
  // -- contrats, base de l'assurance, budget
  await app.register(
    contratsRoutes(createContratsService({ db, clock, audit, repo: createContratsRepository(), storage })),
  );
  const baseAssuranceService = createBaseAssuranceService({ db, clock, audit, repo: createBaseAssuranceRepository() });
  await app.register(baseAssuranceRoutes(baseAssuranceService));
  // -- agents, liste nominative
  const agentsRepo = createAgentsRepository();
  await app.register(
    agentsRoutes({
      agents: createAgentsService({ db, clock, agents: agentsRepo, exportBatch: deps.batches?.export }),
      liste: createListeNominativeService({ db, clock, audit, storage, agents: agentsRepo }),
      storage,
    }),
  );
  // -- sinistres, arrêts, enquête, pièces: every change of a sinistre ends with `changed.sinistreChanged`.
  const sinistresRepo = createSinistresRepository();
  const arretsRepo = createArretsRepository();
  const enqueteRepo = createEnqueteRepository();
  const piecesRepo = createPiecesRepository();
  const entreesRepo = createEntreesRepository();
  const changed = createSinistreChanged({ db, sinistres: sinistresRepo, pieces: piecesRepo });
  changed.listen(refreshFile);
  // -- contract renewal: the split and the switch move sinistres, so they go through `changed`
  await app.register(
    renouvellementRoutes(
      createRenouvellementService({
        db,
        clock,
        audit,
        repo: createRenouvellementRepository(),
        sinistresChanged: changed.sinistresChanged,
      }),
    ),
  );
  await app.register(
    ficheAgentRoutes(
      createFicheAgentService({
        db,
        clock,
        audit,
        agents: agentsRepo,
        onRegimeChange: async (tx, agentId) =>
          void (await changed.sinistresChanged(tx, await sinistresRepo.idsOfAgent(tx, agentId))),
      }),
    ),
  );
  const echeancesService = createEcheancesService({ repo: createEcheancesRepository() });
  const piecesService = createPiecesService({
    db,
    clock,
    audit,
    storage,
    repo: piecesRepo,
    sinistres: sinistresRepo,
    arrets: arretsRepo,
    changed,
  });
  const sinistresService = createSinistresService({
    db,
    clock,
    audit,
    repo: sinistresRepo,
    arrets: arretsRepo,
    enquete: enqueteRepo,
    agents: agentsRepo,
    bases: baseAssuranceService,
    pieces: piecesService,
    echeances: echeancesService,
    changed,
    storage,
    notifications,
    exportBatch: deps.batches?.export,
  });
  await app.register(sinistresRoutes(sinistresService));
  await app.register(
    arretsRoutes(
      createArretsService({
        clock,
        audit,
        repo: arretsRepo,
        sinistresRepo,
        bases: baseAssuranceService,
        sinistres: sinistresService,
        // An arrêt's salary fills the months it touches that have none yet (the engine reads months).
        onSalaire: (tx, arretId, par, le) => entreesRepo.salairesDepuisArret(tx, arretId, par, le),
      }),
    ),
  );
  await app.register(entreesRoutes(createEntreesService({ db, clock, audit, repo: entreesRepo })));
  await app.register(
    enqueteRoutes(
      createEnqueteService({
        db,
        clock,
        audit,
        repo: enqueteRepo,
        sinistresRepo,
        agents: agentsRepo,
        sinistres: sinistresService,
      }),
    ),
  );
  await app.register(piecesRoutes(piecesService, createCatalogueService({ db, clock, audit, repo: piecesRepo })));

  // -- gestion: the handlers' back office
  await app.register(
    dossierRoutes(
      createDossierService({
        db,
        clock,
        audit,
        storage,
        repo: createDossierRepository(),
        sinistres: sinistresRepo,
        arrets: arretsRepo,
        enquete: enqueteRepo,
        changed,
        pieces: piecesService,
        piecesRepo,
        bases: baseAssuranceService,
        echeances: echeancesService,
        appUrl: config.appUrl,
        notifications,
        onEraseError: (key, error) => app.log.error({ key, err: error }, 'Volet 1 refusé : fichier non effacé'),
      }),
    ),
  );

  // -- gestion: décisions
  await app.register(
    decisionsRoutes(
      createDecisionsService({
        db,
        clock,
        audit,
        repo: createDecisionsRepository(),
        appUrl: config.appUrl,
        destinataires: (tx, collectiviteId) => piecesRepo.destinatairesRelance(tx, collectiviteId),
        sinistreChanged: changed.sinistreChanged,
        notifications,
      }),
    ),
  );

  // -- suivi du dossier par la gestion : contrôles médicaux, recours contre tiers, reprise
  await app.register(
    suiviGestionRoutes(createSuiviGestionService({ db, clock, audit, repo: createSuiviGestionRepository() })),
  );

  // -- décomptes and règlements (issue 10)
  const reglementsRepo = createReglementsRepository();
  const reglements = createReglementsService({ db, clock, audit, repo: reglementsRepo, notifications });
  await app.register(reglementsRoutes(reglements));
  const decomptesRepo = createDecomptesRepository();
  const fraisRepo = createFraisMedicauxRepository();
  const decomptes = createDecomptesService({
    db,
    clock,
    audit,
    repo: decomptesRepo,
    reglementsRepo,
    reglements,
    frais: fraisRepo,
  });
  const calculLots = createCalculLotService({ db, clock, audit, repo: decomptesRepo, decomptes, logger: app.log });
  await app.register(decomptesRoutes(decomptes, calculLots));
  await app.register(simulateurRoutes(createSimulateurService({ db, clock, repo: createSimulateurRepository() })));
  await app.register(sinistraliteRoutes(createSinistraliteService({ db, repo: createSinistraliteRepository() })));
  const statistiquesRepo = createStatistiquesRepository();
  await app.register(
    statistiquesRoutes(
      createStatistiquesService({ db, clock, repo: statistiquesRepo, agregats: createStatistiquesCdgRepository() }),
      createPrevisionService({ db, clock, repo: createPrevisionRepository(), statistiques: statistiquesRepo }),
    ),
  );
  // -- statistiques d'absentéisme du CDG, sur des agrégats précalculés par tâche
  const statistiquesCdg = createStatistiquesCdgService({
    db,
    clock,
    repo: createStatistiquesCdgRepository(),
    sinistralite: createSinistraliteRepository(),
  });
  await app.register(statistiquesCdgRoutes(statistiquesCdg));
  // -- frais médicaux des dossiers CITIS
  await app.register(
    fraisMedicauxRoutes(
      createFraisMedicauxService({
        db,
        clock,
        audit,
        storage,
        repo: fraisRepo,
        sinistres: sinistresRepo,
        destinataires: (tx, collectiviteId) => piecesRepo.destinatairesRelance(tx, collectiviteId),
        appUrl: config.appUrl,
        sinistreChanged: changed.sinistreChanged,
      }),
    ),
  );

  // -- appels de cotisation (issue 11); an issued call is mailed to the collectivité's Administrateurs
  const pilotageRepo = createPilotageRepository();
  const cotisationsRepo = createCotisationsRepository();
  const cotisationsDeps = {
    db,
    clock,
    audit,
    repo: cotisationsRepo,
    apresEmission: mailAppelEmis({ pilotage: pilotageRepo, appUrl: config.appUrl, notifications }),
  };
  const cotisationsService = createCotisationsService(cotisationsDeps);
  await app.register(cotisationsRoutes(cotisationsService));
  // -- the CDG's control screen before emission, and its bulk actions
  await app.register(
    cotisationsGestionRoutes(
      createCotisationsGestionService({
        db,
        clock,
        repo: createCotisationsGestionRepository(),
        lots: createAppelsLots(cotisationsDeps),
      }),
    ),
  );
  // -- payments: entered by hand or from a bank statement
  const encaissementsRepo = createEncaissementsRepository();
  await app.register(
    encaissementsRoutes(
      createEncaissementsService({
        db,
        clock,
        audit,
        repo: encaissementsRepo,
        appels: cotisationsRepo,
        cotisations: cotisationsService,
      }),
    ),
  );

  // -- gestion: the handlers' work queue
  await app.register(corbeilleRoutes(createCorbeilleService({ db, clock, audit, repo: createCorbeilleRepository() })));
  // -- gestion: pilotage du contrat groupe (the organisation's collectivités, bases of the year)
  await app.register(pilotageRoutes(createPilotageService({ db, clock, repo: pilotageRepo })));

  if (hasWeb) {
    // wildcard: files built after start-up are served too; a missing file falls to the SPA fallback.
    // Loaded only when there is a web build to serve (not for an API-only server, nor in most tests).
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: 'index.html' });
  }

  // Each module declares its jobs; the mail, the sweep and the purge are infrastructure.
  const jobs = createJobRunner({
    db,
    clock,
    logger: app.log,
    pollMs: config.jobsPollMs,
    jobs: [
      ...authJobs({ db, clock, sessions, auth: authRepo, agents: agentsRepo }),
      ...agentsJobs({
        db,
        clock,
        audit,
        storage,
        agents: agentsRepo,
        logger: app.log,
        onApplied: async (tx, collectiviteId, importId) =>
          void (await changed.sinistresChanged(tx, await sinistresRepo.idsOfImport(tx, collectiviteId, importId))),
        writeBatch: deps.batches?.listeWrite ?? listeWriteBatch(database.kind),
      }),
      ...piecesJobs({ db, clock, pieces: piecesRepo, changed, appUrl: config.appUrl }),
      ...sinistresJobs({ db, audit, changed, logger: app.log }),
      ...databaseJobs(database, app.log),
      ...remboursementsJobs(calculLots),
      ...pilotageJobs({ db, clock, repo: pilotageRepo, appUrl: config.appUrl }),
      ...statistiquesJobs({ service: statistiquesCdg, logger: app.log }),
      ...encaissementsJobs({
        db,
        clock,
        repo: encaissementsRepo,
        administrateurs: pilotageRepo.administrateurs,
        appUrl: config.appUrl,
      }),
      {
        kind: MAIL_JOB,
        handler: createMailSender({ db, clock, smtpUrl: config.smtpUrl, from: config.mailFrom, logger: app.log }),
      },
      {
        kind: STORAGE_SWEEP_JOB,
        handler: createStorageSweepJob({ db, clock, storage, references: FILE_REFERENCES, logger: app.log }),
        recurrence: every(SWEEP_EVERY_MS),
      },
      purgeJob({
        db,
        clock,
        retention: { jobsDays: config.jobsRetentionDays, mailsDays: config.mailsRetentionDays },
        vacuum: database.kind === 'pglite',
        logger: app.log,
      }),
    ],
  });
  return { app, jobs, db, routes, storage };
}

export type App = Awaited<ReturnType<typeof buildApp>>;
