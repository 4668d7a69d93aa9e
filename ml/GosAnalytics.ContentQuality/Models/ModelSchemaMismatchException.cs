namespace GosAnalytics.ContentQuality.Models;

/// <summary>A model trained on another featurisation than the one this build computes; scoring with it would be meaningless.</summary>
public sealed class ModelSchemaMismatchException(string message) : Exception(message);
