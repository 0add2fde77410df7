select o.id,
       p.amount,
       c.email
from ordersdb.public.orders as o
join paymentsdb.public.payments p on p.order_id = o.id
join customersdb.public.customers c on c.id = o.customer_id
