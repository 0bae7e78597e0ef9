% net_paper_sparse.m -- independent reference of the paper scheme (net.m) of docs/model.md
% for the scaled network of "Larger networks": N neurons, in-degree K.
% [t, idx, S] = net_paper_sparse(seed, N, K, T_ms, sigma_e, sigma_i [, variant])
% Returns spike times t (0-based ms, step k = 0..T_ms-1) and neuron indices idx
% (0-based), sorted by time then neuron; optional S is the weight matrix S(post, pre)
% (T_ms = 0 only builds it).
%
% Network (docs/model.md "Larger networks"):
%   Ne = round(0.8 N), Ni = N - Ne; neurons 1..Ne excitatory (0-based 0..Ne-1).
%   Every neuron (post) gets Ke = round(0.8 K) distinct excitatory inputs drawn at random
%   without replacement from all Ne excitatory neurons (itself included, as in Fig. 3's
%   all-to-all W), and Ki = K - Ke distinct inhibitory inputs from all Ni inhibitory ones.
%   Weight 0.5*U(0,1) from an excitatory pre, -U(0,1) from an inhibitory pre, times 1000/K.
%   S(post, pre) is an Octave sparse matrix; the step is exactly net_paper.m's.
%
% Draw order (rand and randn seeded with 'state' = seed; Octave keeps separate
% generator states for rand and randn):
%   re = rand(Ne,1), ri = rand(Ni,1), We = rand(N,Ke), Wi = rand(N,Ki) (uniform stream),
%   then per post neuron i = 1..N: sort(randperm(Ne,Ke)), sort(randperm(Ni,Ki));
%   then per step one randn(N,1) (Ne exc then Ni inh noise).
% Row i of We/Wi is given to post i's sorted pre list in order. For N = K this makes the
% pre lists 1..Ne and 1..Ni and the weights the same numbers in the same places as
% net_paper.m's S = [0.5*rand(N,Ne), -rand(N,Ni)], so N = K = 1000 reproduces net_paper.m
% (checked: identical spike lists, see RESULTS.md).
%
% variant (optional, negative controls only; default 'ok'):
%   'scaleN'    weights scaled by 1000/N instead of 1000/K (N and K confused)
%   'noscale'   weights not scaled (factor 1); identical to 'ok' when K = 1000
%   'splitswap' Ki = round(0.8K) inhibitory and Ke = K - Ki excitatory inputs (split reversed)
%   'splitmix'  K distinct inputs drawn from all N neurons regardless of type (E/I split
%               only on average, binomial per neuron)
%   'signpost'  weight sign follows the postsynaptic neuron (S transposed)
function [t, idx, S] = net_paper_sparse(seed, N, K, T_ms, sigma_e, sigma_i, variant)
  if nargin < 7, variant = 'ok'; end
  rand('state', seed); randn('state', seed);
  Ne = round(0.8 * N); Ni = N - Ne;
  Ke = round(0.8 * K); Ki = K - Ke;
  if strcmp(variant, 'splitswap'), Ki = round(0.8 * K); Ke = K - Ki; end
  if Ke > Ne || Ki > Ni, error('K too large for N'); end
  re = rand(Ne, 1); ri = rand(Ni, 1);
  a = [0.02 * ones(Ne, 1); 0.02 + 0.08 * ri];
  b = [0.2 * ones(Ne, 1); 0.25 - 0.05 * ri];
  c = [-65 + 15 * re.^2; -65 * ones(Ni, 1)];
  d = [8 - 6 * re.^2; 2 * ones(Ni, 1)];
  scale = 1000 / K;
  if strcmp(variant, 'scaleN'), scale = 1000 / N; end
  if strcmp(variant, 'noscale'), scale = 1; end
  if strcmp(variant, 'splitmix')
    U = rand(N, K);                           % uniform numbers, sign by the pre's type below
    pre = zeros(K, N);
    for i = 1:N
      pre(:, i) = sort(randperm(N, K))';
    end
    U = U';                                   % K x N, column i = post i
    w = U;
    isE = pre <= Ne;
    w(isE) = 0.5 * U(isE); w(~isE) = -U(~isE);
  else
    We = 0.5 * rand(N, Ke); Wi = -rand(N, Ki);
    pre = zeros(K, N);                        % column i: the K pre indices of post i
    for i = 1:N
      pre(1:Ke, i) = sort(randperm(Ne, Ke))';
      pre(Ke+1:K, i) = Ne + sort(randperm(Ni, Ki))';
    end
    w = [We'; Wi'];                           % K x N, same layout as pre
    clear We Wi;
  end
  post = repmat(1:N, K, 1);
  if scale ~= 1, w = w * scale; end
  if strcmp(variant, 'signpost')
    S = sparse(pre(:), post(:), w(:), N, N);  % S(post, pre) = w(pre -> post): transposed
  else
    S = sparse(post(:), pre(:), w(:), N, N);  % S(post, pre); pairs are distinct, no summing
  end
  clear pre post w U isE;
  sig = [sigma_e * ones(Ne, 1); sigma_i * ones(Ni, 1)];
  v = -65 * ones(N, 1);
  u = b .* v;
  tc = cell(T_ms, 1); ic = cell(T_ms, 1);
  for k = 0:T_ms-1
    I = sig .* randn(N, 1);
    fired = find(v >= 30);
    tc{k+1} = k * ones(numel(fired), 1);
    ic{k+1} = fired - 1;
    v(fired) = c(fired);
    u(fired) = u(fired) + d(fired);
    if ~isempty(fired)
      I = I + full(sum(S(:, fired), 2));
    end
    v = v + 0.5 * (0.04 * v.^2 + 5 * v + 140 - u + I);
    v = v + 0.5 * (0.04 * v.^2 + 5 * v + 140 - u + I);
    u = u + a .* (b .* v - u);
  end
  t = vertcat(tc{:}); idx = vertcat(ic{:});
end
