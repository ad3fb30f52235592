/** The sample resource: items in Postgres, read through the read pool, written on the primary. */
import { z } from "zod";
import type { Db, DbTarget } from "./db.js";

const json = z.json();
export type Json = z.infer<typeof json>;

export const itemInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  data: json.optional(),
});
export type ItemInput = z.infer<typeof itemInput>;

export interface Item {
  id: string;
  name: string;
  data: Json | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a read was served from, for the Server-Timing header. */
export interface ReadSource {
  cache?: "hit" | "miss" | "bypass";
  db?: DbTarget;
}

export interface Read<T> {
  value: T;
  source: ReadSource;
}

export interface Items {
  get(id: string): Promise<Read<Item | undefined>>;
  list(limit: number): Promise<Read<Item[]>>;
  create(input: ItemInput): Promise<Item>;
  update(id: string, input: ItemInput): Promise<Item | undefined>;
  remove(id: string): Promise<boolean>;
}

interface ItemRow {
  id: string;
  name: string;
  data: Item["data"];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = "id, name, data, created_at, updated_at";

function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    name: row.name,
    data: row.data,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** node-postgres sends objects as JSON but arrays as Postgres arrays: JSON text for jsonb is unambiguous. */
function jsonb(data: ItemInput["data"]): string | null {
  return data === undefined ? null : JSON.stringify(data);
}

export function itemsInPostgres(db: Db): Items {
  return {
    async get(id) {
      const { rows, from } = await db.read<ItemRow>(`SELECT ${COLUMNS} FROM items WHERE id = $1`, [id]);
      return { value: rows[0] && toItem(rows[0]), source: { db: from } };
    },
    async list(limit) {
      const { rows, from } = await db.read<ItemRow>(
        `SELECT ${COLUMNS} FROM items ORDER BY created_at DESC, id LIMIT $1`,
        [limit],
      );
      return { value: rows.map(toItem), source: { db: from } };
    },
    async create(input) {
      const rows = await db.write<ItemRow>(`INSERT INTO items (name, data) VALUES ($1, $2) RETURNING ${COLUMNS}`, [
        input.name,
        jsonb(input.data),
      ]);
      return toItem(rows[0] as ItemRow);
    },
    async update(id, input) {
      const rows = await db.write<ItemRow>(
        `UPDATE items SET name = $2, data = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, input.name, jsonb(input.data)],
      );
      return rows[0] && toItem(rows[0]);
    },
    async remove(id) {
      const rows = await db.write(`DELETE FROM items WHERE id = $1 RETURNING id`, [id]);
      return rows.length > 0;
    },
  };
}
