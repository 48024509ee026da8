import { openDatabase } from './src/platform/db/database.ts';
import { sql } from 'drizzle-orm';
const d = await openDatabase({ dataDir: process.argv[2] } as any);
const r: any = await d.db.execute(sql.raw(process.argv[3]));
console.table(r.rows);
await d.close();
