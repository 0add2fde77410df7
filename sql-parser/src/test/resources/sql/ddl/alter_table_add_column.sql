ALTER TABLE lake.sales.orders ADD COLUMN IF NOT EXISTS discount_code varchar COMMENT 'promo code used at checkout'
