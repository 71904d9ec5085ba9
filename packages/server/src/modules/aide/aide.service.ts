import {
  DEFAULT_PAGE_SIZE,
  type TFaqEntree,
  type TGuideSection,
  type ZFaqInput,
  type ZFaqQuery,
  type ZGuideSectionInput,
} from '@statutis/domain';
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
    async createSection(ctx: AuthContext, input: z.output<typeof ZGuideSectionInput>, ip: string) {
      return db.transaction(async (tx) => {
        const row = await repo.insertSection(tx, { ...input, updatedBy: ctx.user.id });
        await record(tx, ctx, ip, 'guide_section', row.id, 'creation', { titre: row.titre });
        return presentSection(row);
      });
    },
    async updateSection(ctx: AuthContext, id: string, input: z.output<typeof ZGuideSectionInput>, ip: string) {
      return db.transaction(async (tx) => {
        const before = await repo.findSection(tx, id);
        if (!before) throw NotFound('Section du guide introuvable.');
        const row = (await repo.updateSection(tx, id, {
          ...input,
          updatedBy: ctx.user.id,
          updatedAt: deps.clock.now(),
        }))!;
        await record(tx, ctx, ip, 'guide_section', id, 'modification', diff(before, input));
        return presentSection(row);
      });
    },
    async removeSection(ctx: AuthContext, id: string, ip: string) {
      await db.transaction(async (tx) => {
        const before = await repo.findSection(tx, id);
        if (!before) throw NotFound('Section du guide introuvable.');
        await repo.deleteSection(tx, id);
        await record(tx, ctx, ip, 'guide_section', id, 'suppression', { titre: before.titre });
      });
    },
    async createFaq(ctx: AuthContext, input: z.output<typeof ZFaqInput>, ip: string) {
      return db.transaction(async (tx) => {
        const row = await repo.insertFaq(tx, { ...input, updatedBy: ctx.user.id });
        await record(tx, ctx, ip, 'faq_entree', row.id, 'creation', { question: row.question });
        return presentFaq(row);
      });
    },
    async updateFaq(ctx: AuthContext, id: string, input: z.output<typeof ZFaqInput>, ip: string) {
      return db.transaction(async (tx) => {
        const before = await repo.findFaq(tx, id);
        if (!before) throw NotFound('Question de la FAQ introuvable.');
        const row = (await repo.updateFaq(tx, id, { ...input, updatedBy: ctx.user.id, updatedAt: deps.clock.now() }))!;
        await record(tx, ctx, ip, 'faq_entree', id, 'modification', diff(before, input));
        return presentFaq(row);
      });
    },
    async removeFaq(ctx: AuthContext, id: string, ip: string) {
      await db.transaction(async (tx) => {
        const before = await repo.findFaq(tx, id);
        if (!before) throw NotFound('Question de la FAQ introuvable.');
        await repo.deleteFaq(tx, id);
        await record(tx, ctx, ip, 'faq_entree', id, 'suppression', { question: before.question });
      });
    },
  };
}
export type AideService = ReturnType<typeof createAideService>;
