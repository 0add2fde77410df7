SELECT größe, café FROM übersicht WHERE ß = 1
