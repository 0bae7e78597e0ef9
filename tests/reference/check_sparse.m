% check_sparse.m -- checks of net_paper_sparse.m / stats_n.m (run from tests/reference):
%  (1) N = K = 1000 gives the same spike list as net_paper.m, and stats_n == stats (seeds 1..3);
%  (2) structure of S for N = 10000, K = 1000, seed 1: in-degrees per type, weight ranges,
%      mean row sum, out-degrees, self-connections, and that a rebuild is identical.
% octave-cli --no-gui check_sparse.m
for sd = 1:3
  tic; [t1, i1] = net_paper(sd, 10000, 5, 2); w1 = toc;
  tic; [t2, i2] = net_paper_sparse(sd, 1000, 1000, 10000, 5, 2); w2 = toc;
  s1 = stats(t1, i1, 10000); s2 = stats_n(t2, i2, 1000, 10000); s3 = stats_n(t1, i1, 1000, 10000);
  printf('seed %d: dense n=%d (%.2fs) sparse n=%d (%.2fs) identical=%d rate_e %.4f/%.4f stats_n==stats %d\n', ...
         sd, numel(t1), w1, numel(t2), w2, isequal(t1, t2) && isequal(i1, i2), s1.rate_e, s2.rate_e, isequaln(s1, s3));
end
tic; [~, ~, S] = net_paper_sparse(1, 10000, 1000, 0, 5, 2); printf('build N=10000 K=1000: %.1fs\n', toc);
N = 10000; Ne = 8000;
Se = S(:, 1:Ne); Si = S(:, Ne+1:N);
ce = full(sum(Se ~= 0, 2)); ci = full(sum(Si ~= 0, 2));
printf('nnz %d; exc in-degree min %d max %d; inh in-degree min %d max %d\n', nnz(S), min(ce), max(ce), min(ci), max(ci));
[~, ~, ve] = find(Se); [~, ~, vi] = find(Si);
printf('exc w: min %.4g max %.4g mean %.4f; inh w: min %.4g max %.4g mean %.4f\n', min(ve), max(ve), mean(ve), min(vi), max(vi), mean(vi));
printf('mean row sum %.4f (expect 800*0.25 - 200*0.5 = 100)\n', full(mean(sum(S, 2))));
oe = full(sum(S ~= 0, 1));
printf('out-degree exc mean %.1f sd %.1f, inh mean %.1f sd %.1f\n', mean(oe(1:Ne)), std(oe(1:Ne)), mean(oe(Ne+1:N)), std(oe(Ne+1:N)));
printf('self-connections %d\n', nnz(diag(S)));
[~, ~, S2] = net_paper_sparse(1, 10000, 1000, 0, 5, 2); printf('rebuild identical %d\n', isequal(S, S2));
