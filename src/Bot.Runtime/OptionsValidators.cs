using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bot.Runtime.Feedback;
using Bot.Runtime.Redis;
using Microsoft.Extensions.Options;

namespace Bot.Runtime;

/// <summary>
/// A <see cref="TimeSpan"/> setting between two bounds (inclusive; an unset value is valid), written "hh:mm:ss" or
/// "d.hh:mm:ss" like the setting itself. It replaces <c>[Range(typeof(TimeSpan), …)]</c>, which converts its bounds
/// through <c>TypeDescriptor</c> (reflection that trimming and Native AOT cannot see).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    public override bool IsValid(object? value) => value is not TimeSpan span || (span >= Minimum && span <= Maximum);
}

/// <summary>
/// An <see cref="int"/> setting between two bounds (inclusive; an unset value is valid). <c>[Range(int, int)]</c> would
/// do, but the options validation source generator replaces it with a copy that ignores <c>ErrorMessage</c>
/// (dotnet/runtime#123137), and the message is what names the setting's key.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class IntRangeAttribute(int minimum, int maximum) : ValidationAttribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    public override bool IsValid(object? value) => value is not int number || (number >= Minimum && number <= Maximum);
}

// The runtime's settings are checked by source-generated validators (the same data annotations, read at compile
// time): ValidateDataAnnotations() finds them by reflection at run time, which Native AOT cannot keep.

[OptionsValidator]
internal sealed partial class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>;

[OptionsValidator]
internal sealed partial class ReplyOptionsValidator : IValidateOptions<ReplyOptions>;

[OptionsValidator]
internal sealed partial class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>;

[OptionsValidator]
internal sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
