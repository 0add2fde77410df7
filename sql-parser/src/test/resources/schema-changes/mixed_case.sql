alter TABLE If Exists A.B.C drop Column If Exists X;
Drop Table a.b.c