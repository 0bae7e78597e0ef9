% net_paper.m -- independent reference of the paper scheme (net.m) of docs/model.md.
% [t, idx] = net_paper(seed, T_ms, sigma_e, sigma_i [, variant])
% Returns spike times t (0-based ms, step k = 0..T_ms-1) and neuron indices idx
% (0-based), sorted by time then neuron. Octave's rand and randn are seeded with
% 'state' = seed (Mersenne twister). Draw order as in net.m: re, ri, S, then per
% step one randn(1000,1) vector (800 exc then 200 inh).
% variant (optional, for negative controls only; default 'ok'):
%   'late'   synaptic input of spikes at step k applied at step k+1
%   'double' synaptic input added twice
%   'signinh' inhibitory weights positive (+U(0,1))
%   'swap'   sigma_e and sigma_i swapped
%   'signpost' weight sign follows the postsynaptic neuron (S transposed), which is
%            what the seed's Brian2 text does with S.w[:] = weights.flatten()
%   'single' correct scheme, but state, parameters, weights and noise in single
%            precision (as a C implementation with float arrays would have)
function [t, idx] = net_paper(seed, T_ms, sigma_e, sigma_i, variant)
  if nargin < 5, variant = 'ok'; end
  rand('state', seed); randn('state', seed);
  Ne = 800; Ni = 200; N = Ne + Ni;
  re = rand(Ne, 1); ri = rand(Ni, 1);
  a = [0.02 * ones(Ne, 1); 0.02 + 0.08 * ri];
  b = [0.2 * ones(Ne, 1); 0.25 - 0.05 * ri];
  c = [-65 + 15 * re.^2; -65 * ones(Ni, 1)];
  d = [8 - 6 * re.^2; 2 * ones(Ni, 1)];
  S = [0.5 * rand(N, Ne), -rand(N, Ni)];   % S(post, pre)
  if strcmp(variant, 'signinh'), S(:, Ne+1:N) = -S(:, Ne+1:N); end
  if strcmp(variant, 'signpost'), S = S'; end
  if strcmp(variant, 'swap'), tmp = sigma_e; sigma_e = sigma_i; sigma_i = tmp; end
  sig = [sigma_e * ones(Ne, 1); sigma_i * ones(Ni, 1)];
  v = -65 * ones(N, 1);
  if strcmp(variant, 'single')
    a = single(a); b = single(b); c = single(c); d = single(d); S = single(S);
    sig = single(sig); v = single(v);
  end
  u = b .* v;
  tc = cell(T_ms, 1); ic = cell(T_ms, 1);
  Iprev = zeros(N, 1);
  for k = 0:T_ms-1
    I = sig .* randn(N, 1);
    fired = find(v >= 30);
    tc{k+1} = k * ones(numel(fired), 1);
    ic{k+1} = fired - 1;
    v(fired) = c(fired);
    u(fired) = u(fired) + d(fired);
    Isyn = sum(S(:, fired), 2);
    switch variant
      case 'late'
        I = I + Iprev; Iprev = Isyn;
      case 'double'
        I = I + 2 * Isyn;
      otherwise
        I = I + Isyn;
    end
    v = v + 0.5 * (0.04 * v.^2 + 5 * v + 140 - u + I);
    v = v + 0.5 * (0.04 * v.^2 + 5 * v + 140 - u + I);
    u = u + a .* (b .* v - u);
  end
  t = vertcat(tc{:}); idx = vertcat(ic{:});
end
