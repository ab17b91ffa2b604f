/** Public API of inference: fits, test statistics, calculators, hypotests, upper limits and discovery. */
export { fit, fitFixedPoi, type FitOptions, type FitResult, type FixedValues } from './mle.ts';
export { TEST_STATISTICS, TEST_STATISTIC_NAMES, testStatistic, testStatisticDefinition, type TestStatisticName, type TestStatisticDefinition } from './test-statistics.ts';
export { ProfileLikelihood, type ProfileOptions } from './profile-likelihood.ts';
export { AsymptoticCalculator, asymptoticPValues, expectedPValues, shiftedStatistic, type Band, type PValues, type CalculatorOptions } from './calculators/asymptotic.ts';
export { ToyCalculator, type ToyOptions } from './calculators/toys.ts';
export { hypotest, CALCULATORS, type HypotestOptions, type HypotestResult } from './hypotest.ts';
export { upperLimit, type UpperLimitOptions, type UpperLimitResult } from './upper-limit.ts';
export { discovery, type DiscoveryOptions, type DiscoveryResult } from './discovery.ts';
