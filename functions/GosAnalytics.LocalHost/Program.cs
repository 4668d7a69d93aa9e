Console.WriteLine(typeof(GosAnalytics.Functions.Functions.Ping).Assembly.FullName);
