/// The result of a power-law fit (theory.md §6): exponent, its standard error, support, sample sizes, KS distance and
/// log-likelihood. Shared by the continuous and discrete, truncated and untruncated fits.
namespace Dip.Analysis.PowerLaw

/// A fitted power law p(x) ~ x^-alpha on [Xmin, Xmax] (Xmax = None: untruncated).
type PowerLawFit =
    { /// Exponent alpha (the MLE).
      Alpha: float
      /// Standard error of alpha (from the Fisher information).
      AlphaSe: float
      /// Lower end of the fitted support.
      Xmin: float
      /// Upper end of the fitted support, if truncated.
      Xmax: float option
      /// Number of data points in all.
      N: int
      /// Number of points in the fitted support.
      NTail: int
      /// Kolmogorov-Smirnov distance between the tail's empirical CDF and the fitted CDF.
      Ks: float
      /// True for the discrete (integer) law.
      Discrete: bool
      /// Log-likelihood of the tail under the fit.
      LogLikelihood: float }
