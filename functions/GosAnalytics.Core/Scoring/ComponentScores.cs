using System.Collections;

namespace GosAnalytics.Core.Scoring;

/// <summary>
/// Component name → score of one page, in <see cref="IndexComponents.All"/> order. A read-only dictionary over the
/// scorer's shared name list and one small array, because a national run builds one per page (130,000+ per period).
/// Lookups are ordinal and linear: there are only a handful of components.
/// </summary>
public sealed class ComponentScores : IReadOnlyDictionary<string, double>
{
    private readonly string[] _names;
    private readonly double[] _values; // NaN marks an absent component

    /// <param name="names">Component names, shared between pages and never mutated.</param>
    /// <param name="values">Scores aligned with <paramref name="names"/>; NaN where the component is absent. Owned by this instance.</param>
    public ComponentScores(string[] names, double[] values)
    {
        if (names.Length != values.Length)
        {
            throw new ArgumentException("One value per name is required.", nameof(values));
        }

        _names = names;
        _values = values;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                Count++;
            }
        }
    }

    public int Count { get; }

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<double> Values => this.Select(pair => pair.Value);

    public double this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No '{key}' component for this page.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out double value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (!double.IsNaN(_values[i]))
            {
                yield return new KeyValuePair<string, double>(_names[i], _values[i]);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (!double.IsNaN(_values[i]) && string.Equals(_names[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
