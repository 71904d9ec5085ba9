import { DEFAULT_PAGE_SIZE, type TFaqEntree, type TGuideSection, type ZFaqQuery } from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { NotFound } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import type { AideRepository } from './aide.repository.js';

type SectionRow = Awaited<ReturnType<AideRepository['insertSection']>>;
type FaqRow = Awaited<ReturnType<AideRepository['insertFaq']>>;
const presentSection = (r: SectionRow): TGuideSection => ({
  id: r.id,
  module: r.module as TGuideSection['module'],
  titre: r.titre,
  contenu: r.contenu,
  ordre: r.ordre,
});
const presentFaq = (r: FaqRow): TFaqEntree => ({
  id: r.id,
  module: r.module as TFaqEntree['module'],
  question: r.question,
  reponse: r.reponse,
  ordre: r.ordre,
});

/** Platform-wide help: the guide pratique by module and the FAQ, written by the platform administrator. */
export function createAideService(deps: { db: Db; clock: Clock; audit: Audit; repo: AideRepository }) {
  const { db, repo, audit } = deps;
  /** One audited write of a help entity (guide section or FAQ entry). */
  const record = (
    tx: Db,
    ctx: AuthContext,
    ip: string,
    entity: string,
    entityId: string,
    action: string,
    changes: Record<string, unknown>,
  ) => audit.record(tx, { ...actorOf(ctx, ip), collectiviteId: null }, { entity, entityId, action, changes });
  /** Create, update and remove of one kind of help entry: one transaction each, audited. */
  function editable<Input extends object, Row extends { id: string }, Out>(
    entity: 'guide_section' | 'faq_entree',
    absent: string,
    ops: {
      find: (tx: Db, id: string) => Promise<Row | null>;
      insert: (tx: Db, values: Input & { updatedBy: string }) => Promise<Row>;
      update: (tx: Db, id: string, values: Input & { updatedBy: string; updatedAt: Date }) => Promise<Row | null>;
      remove: (tx: Db, id: string) => Promise<void>;
      present: (row: Row) => Out;
      label: (row: Row) => Record<string, unknown>;
    },
  ) {
    const existing = async (tx: Db, id: string) => {
      const row = await ops.find(tx, id);
      if (!row) throw NotFound(absent);
      return row;
    };
    return {
      create: (ctx: AuthContext, input: Input, ip: string) =>
        db.transaction(async (tx) => {
          const row = await ops.insert(tx, { ...input, updatedBy: ctx.user.id });
          await record(tx, ctx, ip, entity, row.id, 'creation', ops.label(row));
          return ops.present(row);
        }),
      update: (ctx: AuthContext, id: string, input: Input, ip: string) =>
        db.transaction(async (tx) => {
          const before = await existing(tx, id);
          const row = (await ops.update(tx, id, { ...input, updatedBy: ctx.user.id, updatedAt: deps.clock.now() }))!;
          await record(
            tx,
            ctx,
            ip,
            entity,
            id,
            'modification',
            diff(before as Record<string, unknown>, input as Record<string, unknown>),
          );
          return ops.present(row);
        }),
      remove: (ctx: AuthContext, id: string, ip: string) =>
        db.transaction(async (tx) => {
          const before = await existing(tx, id);
          await ops.remove(tx, id);
          await record(tx, ctx, ip, entity, id, 'suppression', ops.label(before));
        }),
    };
  }
  return {
    async sections(module: string | undefined) {
      return { items: (await repo.sections(db, module)).map(presentSection) };
    },
    async faq(query: z.infer<typeof ZFaqQuery>) {
      const [ordre, id] = query.apres ? query.apres.split('_') : [];
      const rows = await repo.faq(db, {
        search: query.q || undefined,
        module: query.module,
        apres: query.apres ? { ordre: Number(ordre), id: id! } : null,
        limit: DEFAULT_PAGE_SIZE + 1,
      });
      const page = rows.slice(0, DEFAULT_PAGE_SIZE);
      const last = page.at(-1);
      return {
        items: page.map(presentFaq),
        suivant: rows.length > DEFAULT_PAGE_SIZE && last ? `${last.ordre}_${last.id}` : null,
      };
    },
    guide: editable('guide_section', 'Section du guide introuvable.', {
      find: repo.findSection,
      insert: repo.insertSection,
      update: repo.updateSection,
      remove: repo.deleteSection,
      present: presentSection,
      label: (r: SectionRow) => ({ titre: r.titre }),
    }),
    faqEntree: editable('faq_entree', 'Question de la FAQ introuvable.', {
      find: repo.findFaq,
      insert: repo.insertFaq,
      update: repo.updateFaq,
      remove: repo.deleteFaq,
      present: presentFaq,
      label: (r: FaqRow) => ({ question: r.question }),
    }),
  };
}
export type AideService = ReturnType<typeof createAideService>;
