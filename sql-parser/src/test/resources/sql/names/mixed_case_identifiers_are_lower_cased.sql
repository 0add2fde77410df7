CREATE TABLE Insights.Reporting.Order_Emails AS
SELECT O.Id AS Order_Id,
       C.Email
FROM OrdersDB.Public.Orders AS O
JOIN CustomersDB.PUBLIC.Customers C ON C.ID = O.Customer_Id
