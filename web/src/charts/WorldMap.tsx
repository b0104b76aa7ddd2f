// The world map (loaded lazily: d3-geo, topojson-client and the Natural
// Earth 1:110m countries from world-atlas, whose feature ids are UN M49
// codes). Countries are coloured by class; those without data are grey.
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { useWidth } from '../hooks';
import { NO_DATA } from '../colors';
import { FONT } from './scale';
import { navigate } from '../router';

export interface MapDatum { fill: string; label: string; href: string }

const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topo, topo.objects.countries);

/** M49 codes drawn on this map; small island States are often missing at 1:110m. */
export const mapIds = new Set(countries.features.filter((f) => f.id != null).map((f) => String(f.id).padStart(3, '0')));

export default function WorldMap({ data, ariaLabel }: { data: Map<string, MapDatum>; ariaLabel: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const H = Math.round(W * 0.5);
  const projection = geoEqualEarth().fitExtent([[2, 2], [W - 2, H - 2]], { type: 'Sphere' });
  const path = geoPath(projection);
  return (
    <div ref={ref} class="chart-svg map">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }}>
        <path d={path({ type: 'Sphere' }) || ''} fill="#eef3f7" stroke="#c9d3dc" />
        {countries.features.map((f, i) => {
          const id = f.id == null ? '' : String(f.id).padStart(3, '0');
          const d = data.get(id);
          return (
            <path key={id + i} d={path(f) || ''} fill={d ? d.fill : NO_DATA} stroke="#ffffff" stroke-width="0.5"
              style={d ? { cursor: 'pointer' } : undefined}
              onClick={d ? () => navigate(d.href) : undefined}>
              <title>{d ? d.label : (f.properties?.name || '')}</title>
            </path>
          );
        })}
      </svg>
    </div>
  );
}
