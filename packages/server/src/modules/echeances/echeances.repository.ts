import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contrat } from '../contrats/contrats.table.js';

export function createEcheancesRepository() {
  return {
    /** The contract's last day (null: it runs without an end). Contracts are shared, not a tenant's rows. */
    async contratFin(db: Db, contratId: string): Promise<string | null> {
      const [row] = await db.select({ fin: contrat.dateFin }).from(contrat).where(eq(contrat.id, contratId));
      return row?.fin ?? null;
    },
  };
}
export type EcheancesRepository = ReturnType<typeof createEcheancesRepository>;
