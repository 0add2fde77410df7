REFRESH MATERIALIZED VIEW lake.sales.mv_customer_ltv
