DELETE FROM public.sessions s
USING public.users u
WHERE s.user_id = u.id
  AND u.deactivated_at IS NOT NULL
