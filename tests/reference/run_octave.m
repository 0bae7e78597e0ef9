% run_octave.m -- run a scheme over seeds and write results_octave_<scheme>.csv.
% octave-cli --no-gui run_octave.m <scheme> <seeds e.g. 1:20> <T_ms> <sigma_e> <sigma_i> <outfile> [variant]
args = argv();
scheme = args{1}; seeds = eval(args{2}); T = str2double(args{3});
se = str2double(args{4}); si = str2double(args{5}); out = args{6};
variant = 'ok'; if numel(args) >= 7, variant = args{7}; end
f = fopen(out, 'w');
fprintf(f, 'seed,T_ms,sigma_e,sigma_i,n_spikes,rate_e,rate_i,alpha_hz,gamma_hz,alpha_prom,gamma_prom,wall_s\n');
for sd = seeds
  tic;
  if strcmp(scheme, 'paper')
    [t, idx] = net_paper(sd, T, se, si, variant);
  else
    [t, idx] = net_euler(sd, T, se, si);
  end
  wall = toc;
  if T >= 1200   % the spectrum needs at least one 1000-sample segment after t = 200
    s = stats(t, idx, T);
  else
    s = struct('rate_e', NaN, 'rate_i', NaN, 'alpha_hz', NaN, 'gamma_hz', NaN, 'alpha_prom', NaN, 'gamma_prom', NaN);
  end
  fprintf(f, '%d,%d,%g,%g,%d,%.4f,%.4f,%d,%d,%.3f,%.3f,%.2f\n', sd, T, se, si, numel(t), ...
          s.rate_e, s.rate_i, s.alpha_hz, s.gamma_hz, s.alpha_prom, s.gamma_prom, wall);
  fprintf('%s seed %d: n=%d re=%.3f ri=%.3f a=%d g=%d ap=%.2f gp=%.2f (%.1fs)\n', scheme, sd, numel(t), ...
          s.rate_e, s.rate_i, s.alpha_hz, s.gamma_hz, s.alpha_prom, s.gamma_prom, wall);
  fflush(stdout); fflush(f);
end
fclose(f);
