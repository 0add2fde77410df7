UPDATE public.orders o
SET status = s.carrier_status,
    shipped_at = s.picked_up_at
FROM public.shipments s
WHERE s.order_id = o.id
  AND o.status = 'paid'
