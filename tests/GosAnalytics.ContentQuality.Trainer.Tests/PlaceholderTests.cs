namespace GosAnalytics.ContentQuality.Trainer.Tests;

public sealed class TrainerProjectTests
{
    [Fact]
    public void The_trainer_assembly_loads()
    {
        Assert.NotNull(typeof(GosAnalytics.Pipeline.ContentQuality.ModelRegistry).Assembly);
    }
}
