% run_octave.m -- run a scheme over seeds (N = 1000, all-to-all) and write one CSV row per
% seed with the measures of stats.m (include/rhythm.h definitions).
% octave-cli --no-gui run_octave.m <scheme> <seeds e.g. 1:20> <T_ms> <sigma_e> <sigma_i> <outfile> [variant]
% Columns: seed,N,K,T_ms,sigma_e,sigma_i,n_spikes, stats_csv() columns, wall_s
% (wall_s = the net_paper / net_euler call).
args = argv();
scheme = args{1}; seeds = eval(args{2}); T = str2double(args{3});
se = str2double(args{4}); si = str2double(args{5}); out = args{6};
variant = 'ok'; if numel(args) >= 7, variant = args{7}; end
f = fopen(out, 'w');
fprintf(f, 'seed,N,K,T_ms,sigma_e,sigma_i,n_spikes,%s,wall_s\n', stats_csv());
for sd = seeds
  tic;
  if strcmp(scheme, 'paper')
    [t, idx] = net_paper(sd, T, se, si, variant);
  else
    [t, idx] = net_euler(sd, T, se, si);
  end
  wall = toc;
  if T >= 1200   % the spectrum needs at least one 1000-sample segment after t = 200
    s = stats(t, idx, T, 1000);
  else
    s = [];
  end
  row = stats_csv(s);
  fprintf(f, '%d,1000,1000,%d,%g,%g,%d,%s,%.2f\n', sd, T, se, si, numel(t), row, wall);
  fprintf('%s %s seed %d: n=%d %s (%.1fs)\n', scheme, variant, sd, numel(t), row, wall);
  fflush(stdout); fflush(f);
end
fclose(f);
