Console.Error.WriteLine("usage: train | evaluate | compare | promote (not yet built)");
return 1;
