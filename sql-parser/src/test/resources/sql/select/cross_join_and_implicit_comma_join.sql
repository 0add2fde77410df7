select c.id, d.calendar_date, count(o.id) as orders_that_day
from customersdb.public.customers c
cross join calendar d, ordersdb.public.orders o
where o.customer_id = c.id
  and o.order_date = d.calendar_date
group by c.id, d.calendar_date
