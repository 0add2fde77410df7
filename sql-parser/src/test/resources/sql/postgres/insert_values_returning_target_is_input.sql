INSERT INTO public.audit_log (actor, action, payload)
VALUES ('system', 'refund_issued', '{"order_id": 42}')
RETURNING id, created_at
