use staging;

create table stg_customers as
select id as customer_id,
       email
from customersdb.public.customers;

insert into insights.default.dim_customers (customer_id, email)
select customer_id, email
from stg_customers;
