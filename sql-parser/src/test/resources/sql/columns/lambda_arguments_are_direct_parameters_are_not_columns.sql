CREATE TABLE insights.default.order_item_stats AS
SELECT id AS order_id,
       transform(line_items, item -> item.unit_price * (1 - discount_rate)) AS discounted_prices,
       reduce(line_items, 0, (acc, item) -> acc + item.quantity, acc -> acc) AS item_count,
       filter(tags, t -> t <> 'test') AS tags
FROM ordersdb.public.orders
