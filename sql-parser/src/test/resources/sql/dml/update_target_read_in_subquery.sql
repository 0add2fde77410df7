UPDATE lake.sales.products
SET price_band = 'premium'
WHERE list_price > (SELECT avg(list_price) * 2 FROM lake.sales.products)
