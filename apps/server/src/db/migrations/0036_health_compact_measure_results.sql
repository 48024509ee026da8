-- A score's measures are stored compact: per measure of its scorecard version, in that order, [value, points], then
-- the day observed when known, then 1 when stale (health.results.ts); the source and weight are the version's. json,
-- not jsonb: written and read whole. The rows are converted in place (one rewrite of each table, the old document's
-- measures taken in order, as the recompute wrote them), and the latest scores' pages kept under half full so a
-- recompute's rewrite of every score stays on its page (HOT updates).
CREATE FUNCTION "health_compact_measures"(m jsonb) RETURNS json LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(json_agg(
    CASE
      WHEN coalesce(x->'observedOn', 'null'::jsonb) = 'null'::jsonb THEN json_build_array(x->'value', x->'points')
      WHEN coalesce((x->>'stale')::boolean, false) THEN json_build_array(x->'value', x->'points', x->>'observedOn', 1)
      ELSE json_build_array(x->'value', x->'points', x->>'observedOn')
    END ORDER BY i), '[]'::json)
  FROM jsonb_array_elements(m) WITH ORDINALITY AS e(x, i)
$$;--> statement-breakpoint
ALTER TABLE "health_scores" SET (fillfactor = 45), ALTER COLUMN "measures" SET DATA TYPE json USING "health_compact_measures"("measures");--> statement-breakpoint
ALTER TABLE "health_scores" RENAME COLUMN "measures" TO "measure_results";--> statement-breakpoint
ALTER TABLE "health_score_history" ALTER COLUMN "measures" SET DATA TYPE json USING "health_compact_measures"("measures");--> statement-breakpoint
ALTER TABLE "health_score_history" RENAME COLUMN "measures" TO "measure_results";--> statement-breakpoint
DROP FUNCTION "health_compact_measures"(jsonb);
