CREATE TABLE iceberg.analytics.first_tag_per_post AS
SELECT p.post_id, t.tag AS first_tag
FROM iceberg.raw.posts p, UNNEST(p.tags) WITH ORDINALITY AS t (tag, pos)
WHERE t.pos = 1
