import { and, asc, eq, like, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { nameContains } from '../../db/search.js';
import { faqEntree, guideSection } from './aide.table.js';

/** The guide is a few dozen sections; a cap keeps a runaway table from being read whole. */
export const GUIDE_MAX = 200;

export function createAideRepository() {
  return {
    async sections(db: Db, module: string | undefined) {
      return db
        .select()
        .from(guideSection)
        .where(module ? eq(guideSection.module, module) : undefined)
        .orderBy(asc(guideSection.module), asc(guideSection.ordre), asc(guideSection.id))
        .limit(GUIDE_MAX);
    },
    async faq(
      db: Db,
      q: { search?: string; module?: string; apres: { ordre: number; id: string } | null; limit: number },
    ) {
      const where: (SQL | undefined)[] = [
        q.search ? like(faqEntree.recherche, nameContains(q.search)) : undefined,
        q.module ? eq(faqEntree.module, q.module) : undefined,
        q.apres ? sql`(${faqEntree.ordre}, ${faqEntree.id}) > (${q.apres.ordre}, ${q.apres.id}::uuid)` : undefined,
      ];
      return db
        .select()
        .from(faqEntree)
        .where(and(...where))
        .orderBy(asc(faqEntree.ordre), asc(faqEntree.id))
        .limit(q.limit);
    },
    async findSection(db: Db, id: string) {
      const [row] = await db.select().from(guideSection).where(eq(guideSection.id, id));
      return row ?? null;
    },
    async findFaq(db: Db, id: string) {
      const [row] = await db.select().from(faqEntree).where(eq(faqEntree.id, id));
      return row ?? null;
    },
    async insertSection(db: Db, values: typeof guideSection.$inferInsert) {
      const [row] = await db.insert(guideSection).values(values).returning();
      return row!;
    },
    async updateSection(db: Db, id: string, values: Partial<typeof guideSection.$inferInsert>) {
      const [row] = await db.update(guideSection).set(values).where(eq(guideSection.id, id)).returning();
      return row ?? null;
    },
    async deleteSection(db: Db, id: string) {
      await db.delete(guideSection).where(eq(guideSection.id, id));
    },
    async insertFaq(db: Db, values: typeof faqEntree.$inferInsert) {
      const [row] = await db.insert(faqEntree).values(values).returning();
      return row!;
    },
    async updateFaq(db: Db, id: string, values: Partial<typeof faqEntree.$inferInsert>) {
      const [row] = await db.update(faqEntree).set(values).where(eq(faqEntree.id, id)).returning();
      return row ?? null;
    },
    async deleteFaq(db: Db, id: string) {
      await db.delete(faqEntree).where(eq(faqEntree.id, id));
    },
  };
}
export type AideRepository = ReturnType<typeof createAideRepository>;
