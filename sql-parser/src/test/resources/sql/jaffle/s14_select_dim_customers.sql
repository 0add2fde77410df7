SELECT customer_id, first_name, number_of_orders, customer_lifetime_value
FROM insights.default.dim_customers
ORDER BY customer_lifetime_value DESC NULLS LAST
LIMIT 5
