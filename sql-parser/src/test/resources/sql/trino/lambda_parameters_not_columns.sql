CREATE TABLE iceberg.analytics.basket_features AS
SELECT
    b.basket_id,
    transform(b.item_prices, x -> x * 2) AS doubled_prices,
    filter(b.item_skus, s -> s <> b.promo_sku) AS non_promo_skus,
    reduce(b.item_prices, 0, (acc, x) -> acc + x, acc -> acc) AS basket_total
FROM iceberg.raw.baskets b
