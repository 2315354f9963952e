// National assessment rounds as a small SVG line chart: one line per country, the home country in blue; a round
// after the lens's as-of day is drawn hollow.
import { afterAsOf, endLabels, polyline, trendGeometry, type Series } from '../evidence.js';
import type { AssessmentData } from '../load.js';

const SERIES_COLORS = ['#7b8794', '#c2410c', '#0f766e', '#7c3aed', '#b45309', '#be185d'];

/** National assessment rounds as a small line chart: one line per country, the home country in blue. */
export function TrendChart({ series, asOf }: { series: Series<AssessmentData>[]; asOf: string | null }) {
  const g = trendGeometry(series);
  let other = 0;
  const colors = series.map((s) => (s.home ? '#1d4ed8' : SERIES_COLORS[other++ % SERIES_COLORS.length]));
  const labelY = endLabels(series, g);
  return (
    <svg
      className="trend"
      width={g.width}
      height={g.height}
      viewBox={`0 0 ${g.width} ${g.height}`}
      role="img"
      aria-label={`National assessment rounds of ${series.map((s) => s.country).join(', ')}`}
      data-testid="trend"
    >
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={30} x2={g.width - 34} y1={g.y(v)} y2={g.y(v)} stroke="#e3e7ed" />
          <text x={25} y={g.y(v) + 3.5} textAnchor="end" fontSize="10" fill="#616e7c">
            {v}
          </text>
        </g>
      ))}
      {g.rounds.map((r) => (
        <text key={r} x={g.x(r)} y={g.height - 6} textAnchor="middle" fontSize="10" fill="#616e7c">
          {r}
        </text>
      ))}
      {series.map((s, i) => (
        <g key={s.country} data-series={s.country} className={s.home ? 'home' : ''}>
          {s.points.length > 1 && (
            <polyline points={polyline(s, g)} fill="none" stroke={colors[i]} strokeWidth={s.home ? 2.5 : 1.6} />
          )}
          {s.points.map((p) => (
            <circle
              key={p.id}
              cx={g.x(p.round)}
              cy={g.y(p.level)}
              r={s.home ? 3.6 : 3}
              fill={afterAsOf(asOf, { year: p.round }) ? '#ffffff' : colors[i]}
              stroke={colors[i]}
              strokeWidth={1.4}
              data-point={p.id}
            >
              <title>{`${s.country}, round ${p.round}: ${p.level}${p.publisher ? ` (${p.publisher})` : ''} · ${p.provenance.toLowerCase()}${afterAsOf(asOf, { year: p.round }) ? ` · after ${asOf}, not counted` : ''}`}</title>
            </circle>
          ))}
          <text
            x={g.x(s.points[s.points.length - 1].round) + 6}
            y={labelY[i] + 3.5}
            fontSize="10.5"
            fontWeight={s.home ? 700 : 500}
            fill={colors[i]}
          >
            {s.country}
          </text>
        </g>
      ))}
    </svg>
  );
}
