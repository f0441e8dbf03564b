import type { PoolClient } from 'pg';

/**
 * How a column of a figure row takes what a later event says:
 * - `set`: the later value replaces the earlier one (null included);
 * - `keep-known`: as `set`, but a null keeps what the row had;
 * - `latest`: the greater of the two (dates as YYYY-MM-DD);
 * - `append`: the later array after the earlier one (text[] or a jsonb array);
 * - `merge-items`: a jsonb object of items, each item's fields patched by the later object's.
 */
export type ColumnMerge = 'set' | 'keep-known' | 'latest' | 'append' | 'merge-items';

export interface FigureTable {
  name: string;
  key: readonly string[];
  /** Every column an event may write, key columns included, with its PostgreSQL type. */
  columns: Readonly<Record<string, { type: string; merge: ColumnMerge }>>;
  /** `first-wins`: a row, once written, never changes (ON CONFLICT DO NOTHING). */
  conflict: 'merge' | 'first-wins';
}

type Row = Record<string, unknown>;

const KEY_SEPARATOR = '\u0000';

function merged(merge: ColumnMerge, before: unknown, after: unknown): unknown {
  switch (merge) {
    case 'set':
      return after;
    case 'keep-known':
      return after ?? before;
    case 'latest':
      return before === undefined || before === null || (after !== null && (after as string) > (before as string)) ? after : before;
    case 'append':
      return [...((before as unknown[] | undefined) ?? []), ...(after as unknown[])];
    case 'merge-items': {
      const items = { ...((before as Record<string, Row> | undefined) ?? {}) };
      for (const [item, patch] of Object.entries(after as Record<string, Row>)) items[item] = { ...items[item], ...patch };
      return items;
    }
  }
}

function onConflict(column: string, merge: ColumnMerge): string {
  switch (merge) {
    case 'set':
      return `${column} = excluded.${column}`;
    case 'keep-known':
      return `${column} = coalesce(excluded.${column}, stored.${column})`;
    case 'latest':
      return `${column} = greatest(stored.${column}, excluded.${column})`;
    case 'append':
      return `${column} = stored.${column} || excluded.${column}`;
    case 'merge-items':
      return `${column} = stored.${column} || (SELECT coalesce(jsonb_object_agg(item.key, coalesce(stored.${column} -> item.key, '{}'::jsonb) || item.value), '{}'::jsonb)
        FROM jsonb_each(excluded.${column}) AS item)`;
  }
}

/**
 * The changes a transaction's events make to the rows of one figure table, folded per row in the
 * order of the events and written set-based: one statement per set of columns the folded rows write
 * (a batch of one kind of event is one statement), instead of one per event. What the rows hold after
 * the write is what one upsert per event, in the same order, would have left.
 */
export class FigureRows {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly table: FigureTable) {}

  /** Folds one event's change of a row: its key columns and the columns it writes. */
  change(values: Row): void {
    const key = this.table.key.map((column) => String(values[column])).join(KEY_SEPARATOR);
    const row = this.rows.get(key);
    if (!row) {
      this.rows.set(key, { ...values });
      return;
    }
    if (this.table.conflict === 'first-wins') return;
    for (const [column, value] of Object.entries(values)) {
      row[column] = column in row ? merged(this.table.columns[column].merge, row[column], value) : value;
    }
  }

  /** Writes the folded rows and forgets them. */
  async write(tx: PoolClient): Promise<void> {
    const bySignature = new Map<string, Row[]>();
    for (const row of this.rows.values()) {
      const signature = Object.keys(row).sort().join(',');
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), row]);
    }
    this.rows.clear();
    for (const [signature, rows] of bySignature) await tx.query(this.statement(signature.split(',')), [JSON.stringify(rows)]);
  }

  private statement(columns: string[]): string {
    const { name, key, columns: types, conflict } = this.table;
    const written = columns.filter((column) => !key.includes(column));
    const action =
      conflict === 'first-wins' || written.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${written.map((column) => onConflict(column, types[column].merge)).join(', ')}`;
    // In key order: transactions writing the same rows lock them in one order, never in a circle.
    return `INSERT INTO ${name} AS stored (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS change(${columns.map((column) => `${column} ${types[column].type}`).join(', ')})
      ORDER BY ${key.join(', ')}
      ON CONFLICT (${key.join(', ')}) ${action}`;
  }
}
