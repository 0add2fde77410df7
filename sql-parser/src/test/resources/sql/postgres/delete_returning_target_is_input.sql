DELETE FROM public.api_tokens
WHERE expires_at < now()
RETURNING token_id, user_id
