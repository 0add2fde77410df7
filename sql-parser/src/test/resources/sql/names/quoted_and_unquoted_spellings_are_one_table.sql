select a.id, b.status
from ordersdb.public."ORDERS" a
join ordersdb.public.orders b
  on b.parent_order_id = a.id
