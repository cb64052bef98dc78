namespace Dip.Engine.Random;

/// <summary>
/// Sequential reader over one <see cref="RandomStream"/>, for code that draws a variable number of variates (resampling,
/// rejection samplers, branching processes). Not thread-safe: give each task its own stream and cursor.
/// </summary>
public sealed class RandomCursor
{
    private readonly RandomStream _stream;
    private ulong _block;
    private int _lane = 4;
    private uint _x0, _x1, _x2, _x3;
    private double _spareNormal = double.NaN;

    /// <summary>Starts reading <paramref name="stream"/> at its first word.</summary>
    public RandomCursor(RandomStream stream) => _stream = stream;

    /// <summary>Starts reading stream (seed, id) at its first word.</summary>
    public RandomCursor(ulong seed, ulong id) : this(new RandomStream(seed, id)) { }

    /// <summary>The stream being read.</summary>
    public RandomStream Stream => _stream;

    /// <summary>The next 32-bit word.</summary>
    public uint NextUInt32()
    {
        if (_lane == 4)
        {
            (_x0, _x1, _x2, _x3) = _stream.Block(_block++);
            _lane = 0;
        }
        return _lane++ switch { 0 => _x0, 1 => _x1, 2 => _x2, _ => _x3 };
    }

    /// <summary>A uniform double in the open interval (0, 1), from two words.</summary>
    public double NextDouble()
    {
        uint high = NextUInt32();
        return Uniform.Double(high, NextUInt32());
    }

    /// <summary>An unbiased integer in [0, <paramref name="bound"/>) (Lemire's multiply-and-reject method).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, $"bound must be >= 1, got {bound}");
        ulong product = (ulong)NextUInt32() * (uint)bound;
        uint low = (uint)product;
        if (low < (uint)bound)
        {
            uint threshold = (uint)(-bound) % (uint)bound;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * (uint)bound;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>A standard normal variate (Box-Muller in double precision; the pair's second value is kept for the next call).</summary>
    public double NextNormal()
    {
        if (!double.IsNaN(_spareNormal))
        {
            double spare = _spareNormal;
            _spareNormal = double.NaN;
            return spare;
        }
        double radius = Math.Sqrt(-2.0 * Math.Log(NextDouble()));
        double angle = 2.0 * Math.PI * NextDouble();
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>A standard exponential variate, -ln U.</summary>
    public double NextExponential() => -Math.Log(NextDouble());
}
