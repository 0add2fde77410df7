MERGE INTO lake.sales.inventory t
USING (
    SELECT sku, warehouse_id, sum(delta_qty) AS delta_qty, max(op) AS op
    FROM lake.staging.inventory_moves
    WHERE move_date = DATE '2026-11-22'
    GROUP BY sku, warehouse_id
) s
ON t.sku = s.sku AND t.warehouse_id = s.warehouse_id
WHEN MATCHED AND s.op = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET qty_on_hand = t.qty_on_hand + s.delta_qty
WHEN NOT MATCHED AND s.op <> 'D' THEN
    INSERT (sku, warehouse_id, qty_on_hand) VALUES (s.sku, s.warehouse_id, s.delta_qty)
