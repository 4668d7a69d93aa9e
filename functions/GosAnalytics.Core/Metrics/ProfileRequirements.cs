using System.Text.Json.Serialization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Metrics;

/// <summary>A page requirement that official ratings check and that a platform may let us read (docs/metrics.md §3.6).</summary>
public enum ProfileRequirement
{
    /// <summary>The «Госорганизация» label; checked only where the API shows it (<see cref="PlatformTraits.ShowsGovernmentLabel"/>).</summary>
    GovernmentLabel,

    Description,

    Avatar,

    /// <summary>Contacts: a phone, an e-mail or a contact person.</summary>
    Contacts,

    /// <summary>A link to the body's official site.</summary>
    Site,
}

/// <summary>
/// Which requirements apply to a page (its platform lets us check them) and which of those it meets, as two bit masks over
/// <see cref="ProfileRequirement"/>. Stored with the rankings (<c>RankingTable.ProfileChecks</c>): compliance, the work lists and the
/// advice read the same answer.
/// </summary>
public readonly record struct ProfileChecks(byte Applicable, byte Met)
{
    /// <summary>What applies to <paramref name="page"/> and what it meets.</summary>
    public static ProfileChecks Of(PageInfo page)
    {
        ArgumentNullException.ThrowIfNull(page);
        byte applicable = 0;
        byte met = 0;
        Check(page.Platform.ShowsGovernmentLabel() ? page.HasGovernmentLabel : null, ProfileRequirement.GovernmentLabel);
        Check(page.HasDescription, ProfileRequirement.Description);
        Check(page.HasAvatar, ProfileRequirement.Avatar);
        Check(page.HasContacts, ProfileRequirement.Contacts);
        Check(page.HasSite, ProfileRequirement.Site);
        return new ProfileChecks(applicable, met);

        void Check(bool? value, ProfileRequirement requirement)
        {
            if (value is { } present)
            {
                applicable |= (byte)(1 << (int)requirement);
                met |= present ? (byte)(1 << (int)requirement) : (byte)0;
            }
        }
    }

    /// <summary>Null: the platform cannot tell; otherwise whether the page meets it.</summary>
    public bool? Meets(ProfileRequirement requirement) =>
        (Applicable & (1 << (int)requirement)) == 0 ? null : (Met & (1 << (int)requirement)) != 0;

    /// <summary>The requirements that apply, in <see cref="ProfileRequirement"/> order.</summary>
    [JsonIgnore]
    public IEnumerable<ProfileRequirement> Applying
    {
        get
        {
            var applicable = Applicable;
            return EnumCodes.All<ProfileRequirement>().Where(r => (applicable & (1 << (int)r)) != 0);
        }
    }

    /// <summary>Requirements met ÷ requirements that apply (1 when none applies: nothing can be asked of the page).</summary>
    [JsonIgnore]
    public double Completeness
    {
        get
        {
            var applying = System.Numerics.BitOperations.PopCount(Applicable);
            return applying == 0 ? 1 : (double)System.Numerics.BitOperations.PopCount((uint)(Met & Applicable)) / applying;
        }
    }

    /// <summary>Packed for a table column: applicable in the high byte, met in the low one.</summary>
    public ushort Pack() => (ushort)((Applicable << 8) | Met);

    public static ProfileChecks Unpack(ushort packed) => new((byte)(packed >> 8), (byte)(packed & 0xFF));
}
