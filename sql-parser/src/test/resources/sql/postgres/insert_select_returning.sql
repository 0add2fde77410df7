INSERT INTO public.invoices (order_id, customer_id, amount_due)
SELECT o.id, o.customer_id, o.total - o.discount
FROM public.orders o
WHERE o.status = 'shipped' AND NOT o.invoiced
RETURNING id, order_id
