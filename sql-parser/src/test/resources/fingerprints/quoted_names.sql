SELECT "Mixed ""Case""", `back``tick`, MiXeD, price$usd, _under FROM "Cat".Sch."Tab"
