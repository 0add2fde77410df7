CREATE TABLE iceberg.analytics.price_dips AS
SELECT m.symbol, m.dip_start, m.start_price, m.bottom_price
FROM iceberg.raw.ticks
MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY ts
    MEASURES
        A.ts AS dip_start,
        A.price AS start_price,
        LAST(B.price) AS bottom_price
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B+)
    DEFINE B AS B.price < PREV(B.price)
) AS m
