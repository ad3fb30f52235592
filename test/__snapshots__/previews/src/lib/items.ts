/** The sample resource: items in Postgres, read through the read pool, written on the primary. */
import { z } from "zod";
import type { Db, DbTarget } from "./db.js";

/**
 * Nesting deeper than this is refused with 400. Without a bound, a body nested a few thousand levels
 * deep overflows the stack of the (recursive) JSON validator: a 500 from one small request.
 */
export const MAX_JSON_DEPTH = 32;

/** How deep `value` nests, counted without recursion and given up on past `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

const json = z
  .unknown()
  .refine((value) => !depthExceeds(value, MAX_JSON_DEPTH), `nested deeper than ${MAX_JSON_DEPTH} levels`)
  .pipe(z.json());
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
  /** Raised by every update: the cache keeps the newest version it has seen. */
  version: number;
}

/** Where a read was served from, and how long each step took, for the Server-Timing header. */
export interface ReadSource {
  cache?: { status: "hit" | "miss" | "bypass"; ms: number };
  db?: { target: DbTarget; ms: number };
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
  /** bigint: node-postgres returns it as text. */
  version: string;
}

const COLUMNS = "id, name, data, created_at, updated_at, version";

function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    name: row.name,
    data: row.data,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: Number(row.version),
  };
}

/** node-postgres sends objects as JSON but arrays as Postgres arrays: JSON text for jsonb is unambiguous. */
function jsonb(data: ItemInput["data"]): string | null {
  return data === undefined ? null : JSON.stringify(data);
}

/** A read through the read pool, with where it was served and how long it took. */
async function timedRead(db: Db, text: string, values: unknown[]): Promise<{ rows: ItemRow[]; source: ReadSource }> {
  const started = performance.now();
  const { rows, from } = await db.read<ItemRow>(text, values);
  return { rows, source: { db: { target: from, ms: performance.now() - started } } };
}

export function itemsInPostgres(db: Db): Items {
  return {
    async get(id) {
      const { rows, source } = await timedRead(db, `SELECT ${COLUMNS} FROM items WHERE id = $1`, [id]);
      return { value: rows[0] && toItem(rows[0]), source };
    },
    async list(limit) {
      const { rows, source } = await timedRead(
        db,
        `SELECT ${COLUMNS} FROM items ORDER BY created_at DESC, id LIMIT $1`,
        [limit],
      );
      return { value: rows.map(toItem), source };
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
        `UPDATE items SET name = $2, data = $3, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
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
