import { count, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actualite } from './actualites.table.js';

export function createActualitesRepository() {
  return {
    async list(db: Db, q: { publishedBy?: string; limit: number; offset: number }) {
      const where = q.publishedBy ? lte(actualite.publieeLe, q.publishedBy) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(actualite)
          .where(where)
          .orderBy(desc(actualite.publieeLe), desc(actualite.createdAt))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(actualite).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    async find(db: Db, id: string) {
      const [row] = await db.select().from(actualite).where(eq(actualite.id, id));
      return row ?? null;
    },
    async insert(db: Db, values: typeof actualite.$inferInsert) {
      const [row] = await db.insert(actualite).values(values).returning();
      return row!;
    },
    async update(db: Db, id: string, values: Partial<typeof actualite.$inferInsert>) {
      const [row] = await db.update(actualite).set(values).where(eq(actualite.id, id)).returning();
      return row ?? null;
    },
    async delete(db: Db, id: string) {
      await db.delete(actualite).where(eq(actualite.id, id));
    },
  };
}
export type ActualitesRepository = ReturnType<typeof createActualitesRepository>;
