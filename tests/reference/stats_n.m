% stats_n.m -- the rhythm measures of an N-neuron run: stats(t, idx, T_ms, N) (see stats.m,
% which is general in N and T). Kept for the older call order.
% s = stats_n(t, idx, N [, T_ms = 10000])
function s = stats_n(t, idx, N, T_ms)
  if nargin < 4, T_ms = 10000; end
  s = stats(t, idx, T_ms, N);
end
