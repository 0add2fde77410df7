SELECT a	,	b
FROM   t


WHERE c = '--not a comment' AND d = '/* nor this */' -- trailing comment