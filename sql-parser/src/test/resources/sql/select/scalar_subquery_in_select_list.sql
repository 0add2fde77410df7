SELECT o.id,
       (SELECT max(p.paid_at)
          FROM paymentsdb.public.payments p
         WHERE p.order_id = o.id) AS last_paid_at
FROM ordersdb.public.orders o
