create table insights.default.order_customer as
select o.id as order_id,
       c.email
from ordersdb.public.orders o
join customersdb.public.customers c
  on c.id = o.customer_id
